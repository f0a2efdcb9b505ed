/** @odoo-module **/
// Issue 17 d: a year is a name, never a number ("2,026"), in a list grouped
// by year and on a form. Run by tests/test_year_names.py.

import { registry } from "@web/core/registry";

// a year formatted as a number reads "2,026": no figure of these screens
// has a thousands separator otherwise
function assertNoFormattedYear(selector) {
    const text = document.querySelector(selector).innerText;
    if (/\d,\d{3}/.test(text)) {
        throw new Error(`A year is written as a number: ${text}`);
    }
}

function assertYear(selector) {
    const text = document.querySelector(selector).innerText.trim();
    if (!/^\d{4}\b/.test(text)) {
        throw new Error(`Not a year: ${text}`);
    }
}

registry.category("web_tour.tours").add("party_points_hr_assessment_by_year_tour", {
    url: "/odoo/action-party_points.party_hr_assessment_action",
    steps: () => [
        {
            content: "The assessment of the year is listed",
            trigger: ".o_list_renderer .o_data_row",
        },
        {
            content: "Open the search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Group by year",
            trigger: ".o_group_by_menu .o_menu_item:contains(Year), .o_group_by_menu .o_menu_item:contains(年度)",
            run: "click",
        },
        {
            content: "The group is named after its year",
            trigger: ".o_group_header .o_group_name",
            run() {
                assertYear(".o_group_header .o_group_name");
                assertNoFormattedYear(".o_list_renderer");
            },
        },
    ],
});

registry.category("web_tour.tours").add("party_points_mobile_year_tour", {
    steps: () => [
        {
            content: "The points year of the mobile member is shown as a year",
            trigger: "div[name=score_year] span, div[name=score_year] input",
            run() {
                assertYear("div[name=score_year]");
                assertNoFormattedYear("div[name=score_year]");
            },
        },
    ],
});
