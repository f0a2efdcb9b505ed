from . import test_party_branch, test_party_member, test_reports, test_security
