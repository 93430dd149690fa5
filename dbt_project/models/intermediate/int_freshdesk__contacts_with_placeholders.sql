with

contacts as (

    select * from {{ ref('stg_freshdesk__contacts') }}

),

with_deletion_state as (

    {{ with_reconciled_deletion_state('contacts', ref('stg_freshdesk__reconcile_contacts'), 'contact_id') }}

),

with_placeholders as (

    {{ with_placeholder_rows('with_deletion_state', 'contact_id', 'contact') }}

)

select * from with_placeholders
