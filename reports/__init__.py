from . import party_branch_roster_xlsx
from . import party_laggard_case_report
from . import party_mobile_report
from . import party_mobile_register_xlsx
