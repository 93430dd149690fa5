with

tags as (

    select ticket_id, tag, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__tickets__tags') }}
    group by ticket_id, tag

),

tickets as (

    select ticket_id, is_deleted from {{ ref('int_freshdesk__tickets_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['tags.ticket_id', 'tags.tag'],
            loaded_at='tags.loaded_at',
            is_deleted='tickets.is_deleted'
        ) }},
        {{ remote_id(['tags.ticket_id']) }} as ticket_remote_id,
        tags.ticket_id as ticket_id,
        tags.tag as tag

    from tags
    inner join tickets
        on tags.ticket_id = tickets.ticket_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
