from . import party_branch_roster_xlsx
from . import party_laggard_case_report
from . import party_dues_sheet_xlsx
