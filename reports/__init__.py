from . import party_branch_roster_xlsx
from . import party_laggard_case_report
from . import party_score_ledger_xlsx
from . import party_score_publication_report
from . import party_score_card_report
from . import party_score_register_report
from . import party_dues_sheet_xlsx
