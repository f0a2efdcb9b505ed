# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Party Member Points",
    "summary": "Points-based dynamic management of Party members "
    "(党员积分制动态量化管理) for non-public enterprises",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "author": "party_points contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["base_import", "hr", "mail", "portal"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "reports/report_paperformat.xml",
        "data/party_member_import_data.xml",
        "reports/party_branch_roster_report.xml",
        "reports/party_branch_statistics_report.xml",
        "views/party_branch_views.xml",
        "views/party_member_views.xml",
        "views/party_member_exemption_views.xml",
        "views/party_branch_statistics_views.xml",
        "views/hr_employee_views.xml",
        "wizards/party_member_wizard_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/party_branch_demo.xml",
        "demo/party_member_demo.xml",
        "demo/party_history_demo.xml",
    ],
}
