/** @odoo-module **/
// Issue 10, item 6: a member declares an addition in the portal, on a phone.

import { registry } from "@web/core/registry";

// A tiny PNG: the evidence photo the member takes with the phone.
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

registry.category("web_tour.tours").add("party_points_portal_declare", {
    url: "/my",
    steps: () => [
        {
            content: "Open Party Points from the portal home",
            trigger: "a[href='/my/party']",
            run: "click",
        },
        {
            content: "The member's score is shown",
            trigger: ".o_party_score .o_party_total",
        },
        {
            content: "Go to the declaration form",
            trigger: "a.btn[href='/my/party/declare']",
            run: "click",
        },
        {
            content: "Choose the addition item",
            trigger: "select[name='standard_id']",
            run() {
                const select = this.anchor;
                const option = [...select.options].find((o) =>
                    o.textContent.includes("PORTALTOUR")
                );
                select.value = option.value;
                select.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Points",
            trigger: "input[name='points']",
            run: "edit 2",
        },
        {
            content: "Description",
            trigger: "textarea[name='description']",
            run: "edit Portal tour volunteering",
        },
        {
            content: "Attach a photo",
            trigger: "input[name='evidence']",
            run() {
                const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "photo.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Declare",
            trigger: "button.o_party_submit",
            run: "click",
        },
        {
            content: "The declaration is confirmed",
            trigger: ".o_party_declared",
        },
        {
            content: "The new line is listed as declared",
            trigger: ".o_party_lines tr:contains('PORTALTOUR') .o_party_line_state[data-state='submitted']",
        },
    ],
});
