/** @odoo-module **/
// 民主评议党员: a member rates in the portal, an employee by the personal
// link; the secretary closes the campaign and sees the proposed case.

import { registry } from "@web/core/registry";

// One rating on the survey page: each choice question gets the grade at
// ``index`` (0 优秀, 1 合格, 2 基本合格, 3 不合格), the text its words.
function rateSteps(index, text) {
    return [
        {
            content: "Start the rating",
            trigger: "button[value='start']",
            run: "click",
        },
        {
            content: "The member rated is named on the page",
            trigger: ".o_party_appraisal_ratee",
        },
        {
            content: "Choose the grade of each content and the overall grade",
            trigger: ".js_question-wrapper input[type='radio']:not(:visible)",
            run() {
                for (const wrapper of document.querySelectorAll(".js_question-wrapper")) {
                    const radios = wrapper.querySelectorAll("input[type='radio']");
                    if (radios.length) {
                        radios[index].closest("label").click();
                    }
                }
            },
        },
        {
            content: "Write the opinion",
            trigger: ".js_question-wrapper textarea",
            run: `edit ${text}`,
        },
        {
            content: "Submit",
            trigger: "button[value='finish']:not(.disabled)",
            run: "click",
        },
        {
            content: "The rating is recorded",
            trigger: ".o_survey_finished",
        },
    ];
}

registry.category("web_tour.tours").add("party_points_appraisal_member_rates", {
    url: "/my/appraisal",
    steps: () => [
        {
            content: "The member's ratings are listed",
            trigger: "tr.o_party_appraisal_row[data-member='郑二'] a.o_party_appraisal_rate",
            run: "click",
        },
        ...rateSteps(3, "长期不参加组织生活"),
    ],
});

// started on the employee's personal link (the test gives it)
registry.category("web_tour.tours").add("party_points_appraisal_employee_rates", {
    steps: () => [
        {
            content: "The personal link lists the members to rate",
            trigger: "tr.o_party_appraisal_row[data-member='郑二'] a.o_party_appraisal_rate",
            run: "click",
        },
        ...rateSteps(3, "群众意见较大"),
    ],
});

// started on the campaign's form (the test gives it)
registry.category("web_tour.tours").add("party_points_appraisal_secretary_closes", {
    steps: () => [
        {
            content: "The results of the organisation review are on the campaign",
            trigger: ".o_form_view div[name=result_ids] .o_data_row:contains(郑二)",
        },
        {
            content: "Close and publish",
            trigger: "button[name=action_close]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The campaign is closed",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=closed]",
        },
        {
            content: "Open the laggard cases it proposed",
            trigger: "button[name=action_view_laggard_cases]",
            run: "click",
        },
        {
            content: "The case of the member is proposed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=proposed]",
        },
        {
            content: "The appraisal is the case's document",
            trigger: ".o_form_view div[name=appraisal_result_id]:contains(郑二)",
        },
    ],
});
