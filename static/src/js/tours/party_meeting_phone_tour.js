/** @odoo-module **/
// Issue 19, item 4: a member signs in by the QR link on a 390-pixel-wide
// screen, then asks leave for the next meeting.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("party_points_meeting_phone", {
    steps: () => [
        {
            content: "The QR link opens the meeting's sign-in page",
            trigger: ".o_party_signin:contains('PHONETOUR today')",
        },
        {
            content: "Sign in",
            trigger: "button.o_party_signin_button",
            run: "click",
        },
        {
            content: "The member is signed in, on time",
            trigger: ".o_party_signed_in .o_party_signin_status:contains('Present')",
        },
        {
            content: "Go to my meetings",
            trigger: "a[href='/my/party/meetings']",
            run: "click",
        },
        {
            content: "Today's meeting shows the sign-in",
            trigger: ".o_party_meeting:contains('PHONETOUR today') .o_party_signed_in",
        },
        {
            content: "Ask leave for the next meeting",
            trigger: ".o_party_meeting:contains('PHONETOUR next week') a.o_party_ask_leave",
            run: "click",
        },
        {
            content: "Say why",
            trigger: "textarea[name='reason']",
            run: "edit PHONETOUR business trip",
        },
        {
            content: "Send the request",
            trigger: "button.o_party_submit_leave",
            run: "click",
        },
        {
            content: "The request is sent",
            trigger: ".o_party_leave_asked",
        },
        {
            content: "The next meeting shows the leave requested",
            trigger: ".o_party_meeting:contains('PHONETOUR next week') .o_party_leave_state[data-state='requested']",
        },
    ],
});
