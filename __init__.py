from . import controllers, models, reports
