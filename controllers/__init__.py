from . import portal
from . import export
from . import portal_meeting
from . import portal_notify
from . import party_appraisal
