from . import hr_employee, party_branch, party_member, res_users
