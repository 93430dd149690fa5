{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- Use a folder's +schema as the schema name as-is (freshdesk, freshdesk_staging, ...)
        instead of dbt's default "<target schema>_<custom schema>". -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
