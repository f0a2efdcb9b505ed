from . import party_member_transfer_wizard
from . import party_member_change_wizard
from . import party_score_line_wizard
from . import party_outstanding_wizard
from . import party_laggard_step_wizard
from . import party_score_ledger_export
from . import party_score_register_print
from . import party_dues_payment_wizard
