{{ record_select(ref('int_freshdesk__email_mailboxes_with_placeholders'), 'email_mailbox_id') }}
