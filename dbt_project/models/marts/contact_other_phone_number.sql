with

other_phone_numbers as (

    select contact_id, phone_number, max(label) as label, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__contacts__other_phone_numbers') }}
    group by contact_id, phone_number

),

contacts as (

    select contact_id, is_deleted from {{ ref('int_freshdesk__contacts_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['other_phone_numbers.contact_id', 'other_phone_numbers.phone_number'],
            loaded_at='other_phone_numbers.loaded_at',
            is_deleted='contacts.is_deleted'
        ) }},
        {{ remote_id(['other_phone_numbers.contact_id']) }} as contact_remote_id,
        other_phone_numbers.contact_id as contact_id,
        other_phone_numbers.label as label,
        other_phone_numbers.phone_number as value

    from other_phone_numbers
    inner join contacts
        on other_phone_numbers.contact_id = contacts.contact_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
