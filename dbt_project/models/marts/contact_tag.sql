with

tags as (

    select contact_id, tag, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__contacts__tags') }}
    group by contact_id, tag

),

contacts as (

    select contact_id, is_deleted from {{ ref('int_freshdesk__contacts_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['tags.contact_id', 'tags.tag'],
            loaded_at='tags.loaded_at',
            is_deleted='contacts.is_deleted'
        ) }},
        {{ remote_id(['tags.contact_id']) }} as contact_remote_id,
        tags.contact_id as contact_id,
        tags.tag as tag

    from tags
    inner join contacts
        on tags.contact_id = contacts.contact_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
