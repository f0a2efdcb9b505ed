from . import portal
from . import export
from . import party_appraisal
