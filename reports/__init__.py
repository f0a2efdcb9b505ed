from . import party_branch_roster_xlsx
