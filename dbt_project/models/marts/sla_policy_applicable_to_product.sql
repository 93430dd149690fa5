with

applicable_products as (

    select sla_policy_id, product_id, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__sla_policies__products') }}
    group by sla_policy_id, product_id

),

sla_policies as (

    select sla_policy_id, is_deleted from {{ ref('int_freshdesk__sla_policies_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['applicable_products.sla_policy_id', 'applicable_products.product_id'],
            loaded_at='applicable_products.loaded_at',
            is_deleted='sla_policies.is_deleted'
        ) }},
        {{ remote_id(['applicable_products.sla_policy_id']) }} as sla_policy_remote_id,
        applicable_products.sla_policy_id as sla_policy_id,
        applicable_products.product_id as product_id

    from applicable_products
    inner join sla_policies
        on applicable_products.sla_policy_id = sla_policies.sla_policy_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
