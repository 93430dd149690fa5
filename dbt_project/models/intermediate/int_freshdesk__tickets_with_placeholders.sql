with

tickets as (

    select * from {{ ref('stg_freshdesk__tickets') }}

),

with_deletion_state as (

    {{ with_reconciled_deletion_state('tickets', ref('stg_freshdesk__reconcile_tickets'), 'ticket_id') }}

),

with_placeholders as (

    {{ with_placeholder_rows('with_deletion_state', 'ticket_id', 'ticket') }}

)

select * from with_placeholders
