/** @odoo-module **/
// Issue 10, item 6: the browser tours of the backend, run by tests/test_tours.py.

import { registry } from "@web/core/registry";

// 月登记 (R-SCORE-7): the recorder registers a deduction of a member of the
// branch: Monthly Register → New → member, item, points → Register.
registry.category("web_tour.tours").add("party_points_register_deduction_tour", {
    url: "/odoo/action-party_points.party_score_line_action",
    steps: () => [
        {
            content: "Create a points line",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the member",
            trigger: "div[name=member_id] input",
            run: "edit 吴一",
        },
        {
            content: "Pick the member in the list",
            trigger: ".o-autocomplete--dropdown-item a:contains(吴一)",
            run: "click",
        },
        {
            content: "Choose the deduction item",
            trigger: "div[name=standard_id] input",
            run: "edit 违反公司",
        },
        {
            content: "Pick the item in the list",
            trigger: ".o-autocomplete--dropdown-item a:contains(K07)",
            run: "click",
        },
        {
            content: "Enter the points",
            trigger: "div[name=points] input",
            run: "edit -3",
        },
        {
            content: "Register the deduction",
            trigger: "button[name=action_register]",
            run: "click",
        },
        {
            content: "The line is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
    ],
});

// 季通报 (R-SCORE-6, R-SCORE-8): the secretary approves the quarter with the
// branch committee, then publishes it.
registry.category("web_tour.tours").add("party_points_publish_quarter_tour", {
    url: "/odoo/action-party_points.party_score_publication_action",
    steps: () => [
        {
            content: "Open the quarter of the branch",
            trigger: ".o_data_row:contains(第一党支部) td[name=quarter]",
            run: "click",
        },
        {
            content: "Approve the quarter",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        {
            content: "Publish the quarter",
            trigger: "button[name=action_publish]",
            run: "click",
        },
        {
            content: "Confirm the publication",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The quarter is published",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=published]",
        },
    ],
});

// R-USE-5: HR opens an employee and reads the Party score on its tab.
registry.category("web_tour.tours").add("party_points_hr_employee_tour", {
    steps: () => [
        {
            content: "Open the Party Points tab",
            trigger: ".o_notebook_headers a[name=party_points]",
            run: "click",
        },
        {
            content: "The score of the year is shown",
            trigger: ".tab-pane.active div[name=party_score]:contains(77)",
        },
        {
            content: "The assessment of the year is listed",
            trigger: ".tab-pane.active .o_data_row td[name=total_score]:contains(77)",
        },
        {
            content: "The stat button shows the score too",
            trigger: "button[name=action_open_party_lines]:contains(77)",
        },
    ],
});

// Issue 10, item 3: the committee's branches overview shows each branch's figures.
registry.category("web_tour.tours").add("party_points_branches_overview_tour", {
    url: "/odoo/action-party_points.party_branch_action_dashboard",
    steps: () => [
        {
            content: "The branch's average score of the cycle",
            trigger: ".o_kanban_record:contains(测试党总支):contains(第一党支部):contains(77.0)",
        },
        {
            content: "The card opens the branch",
            trigger: ".o_kanban_record:contains(测试党总支):contains(第一党支部)",
            run: "click",
        },
        {
            content: "The branch's form",
            trigger: ".o_form_view div[name=member_ids] .o_data_row:contains(吴一)",
        },
    ],
});

// Issue 10, item 3: a member's score over the quarters, from the points card.
registry.category("web_tour.tours").add("party_points_score_chart_tour", {
    steps: () => [
        {
            content: "Open the chart of the quarters",
            trigger: "button[name=action_view_score_chart]",
            run: "click",
        },
        {
            content: "The line chart is drawn",
            trigger: ".o_graph_renderer canvas",
        },
    ],
});

// Issue 17 f: the recorder lands on the declarations to verify inside the
// Party Points app, with its menu bar, and finds the list again in 待办.
registry.category("web_tour.tours").add("party_points_recorder_home_tour", {
    steps: () => [
        {
            content: "The home shows the app's menu bar",
            trigger: ".o_main_navbar .o_menu_brand:contains(党员积分)",
        },
        {
            content: "The home is the list of declarations to verify",
            trigger: ".o_breadcrumb:contains(待核实的申报)",
        },
        {
            content: "Open the menu of the waiting lists",
            trigger: ".o_main_navbar button[data-menu-xmlid='party_points.menu_party_to_do']",
            run: "click",
        },
        {
            content: "The declarations to verify have their menu",
            trigger: ".o-dropdown-item[data-menu-xmlid='party_points.menu_party_score_line_to_verify']:contains(待核实的申报)",
            run: "click",
        },
        {
            content: "The list opens on its filter",
            trigger: ".o_searchview_facet:contains(待核实)",
        },
    ],
});

// Issue 17 e: the committee opens its own settings form from 配置 → 设置.
registry.category("web_tour.tours").add("party_points_committee_settings_tour", {
    steps: () => [
        {
            content: "Open the configuration menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='party_points.menu_party_configuration']",
            run: "click",
        },
        {
            content: "Open the Party Points settings",
            trigger: ".o-dropdown-item[data-menu-xmlid='party_points.menu_party_points_settings']",
            run: "click",
        },
        {
            content: "Change the laggard threshold",
            trigger: ".o_form_view div[name=party_laggard_threshold] input",
            run: "edit 58",
        },
        {
            content: "Save",
            trigger: ".o_form_view button[name=action_save]",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_notification:contains(已保存)",
        },
    ],
});
