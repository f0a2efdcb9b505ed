from . import party_branch
from . import party_member
from . import party_member_transfer
from . import party_member_change
from . import party_member_exemption
from . import party_branch_statistics
from . import hr_employee
from . import res_users
