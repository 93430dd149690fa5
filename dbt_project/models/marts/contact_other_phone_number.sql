with

other_phone_numbers as (

    select contact_id, phone_number, max(label) as label, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__contacts__other_phone_numbers') }}
    group by contact_id, phone_number

)

{{ child_select(
    'other_phone_numbers',
    parent=ref('int_freshdesk__contacts_with_placeholders'),
    key=['contact_id', 'phone_number'],
    renames={'value': 'child.phone_number'}
) }}
