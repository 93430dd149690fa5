with

custom_fields as (

    select * from {{ ref('stg_freshdesk__tickets__custom_fields') }}

),

tickets as (

    select ticket_id, is_deleted from {{ ref('int_freshdesk__tickets_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['custom_fields.ticket_id', 'custom_fields.field_name'],
            loaded_at='custom_fields.loaded_at',
            is_deleted='tickets.is_deleted'
        ) }},
        {{ remote_id(['custom_fields.ticket_id']) }} as ticket_remote_id,
        custom_fields.ticket_id as ticket_id,
        custom_fields.field_name as field_name,
        custom_fields.value_string as value_string,
        custom_fields.value_bool as value_bool,
        custom_fields.value_long as value_long

    from custom_fields
    inner join tickets
        on custom_fields.ticket_id = tickets.ticket_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
