{% macro recipient_lists_pivoted(parent_key, lists) -%}
    {#- One row per (message, address) across the message's recipient lists: an address on
        several lists is one row with several flags (is_<list>_recipient). -#}
with

addresses as (
{% for list_name, model in lists.items() %}
    {% if not loop.first %}union all
    {% endif -%}
    select {{ parent_key }}, email, loaded_at, '{{ list_name }}' as recipient_list
    from {{ ref(model) }}
{%- endfor %}

),

recipients as (

    select
        {{ parent_key }},
        email,
        {%- for list_name in lists %}
        {{ dbt.bool_or("recipient_list = '" ~ list_name ~ "'") }} as is_{{ list_name }}_recipient,
        {%- endfor %}
        max(loaded_at) as loaded_at

    from addresses
    group by {{ parent_key }}, email

)

select * from recipients
{%- endmacro %}
