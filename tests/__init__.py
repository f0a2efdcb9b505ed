from . import test_party_branch
from . import test_party_member
from . import test_member_history
from . import test_exemption
from . import test_import
from . import test_security
from . import test_statistics
from . import test_reports
