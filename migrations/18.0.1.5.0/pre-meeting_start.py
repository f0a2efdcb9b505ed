# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.5.0, meetings from the phone (issue 19, item 2).

A meeting now has a start (a datetime) besides its date, which stays the
day the deductions, the watch, the reminders and the reports read: the
start's date in the company's time zone. Existing meetings start at 09:00
of their date, company time (Asia/Shanghai when the company's contact has
no time zone), so that the date they had is still theirs. Each gets its own
secret for the QR sign-in link (a default would give them all the same)."""


def migrate(cr, version):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'party_meeting' AND column_name = 'start'
        """
    )
    if cr.fetchone():
        return
    cr.execute(
        """
        ALTER TABLE party_meeting
            ADD COLUMN start timestamp without time zone,
            ADD COLUMN signin_token varchar
        """
    )
    cr.execute(
        """
        UPDATE party_meeting m
           SET start = ((m.date + time '09:00')
                        AT TIME ZONE COALESCE(NULLIF(p.tz, ''), 'Asia/Shanghai'))
                       AT TIME ZONE 'UTC',
               signin_token = md5(random()::text || clock_timestamp()::text
                                  || m.id::text)
          FROM party_branch b
          JOIN res_company c ON c.id = b.company_id
          JOIN res_partner p ON p.id = c.partner_id
         WHERE b.id = m.branch_id
        """
    )
