with

other_emails as (

    select contact_id, email, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__contacts__other_emails') }}
    group by contact_id, email

),

contacts as (

    select contact_id, is_deleted from {{ ref('int_freshdesk__contacts_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['other_emails.contact_id', 'other_emails.email'],
            loaded_at='other_emails.loaded_at',
            is_deleted='contacts.is_deleted'
        ) }},
        {{ remote_id(['other_emails.contact_id']) }} as contact_remote_id,
        other_emails.contact_id as contact_id,
        other_emails.email as email_address

    from other_emails
    inner join contacts
        on other_emails.contact_id = contacts.contact_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
