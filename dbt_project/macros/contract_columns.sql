{% macro contract_columns() -%}
    {#- The published columns, in the order the model's YAML lists them: each documented name
        from its snake_case twin, cast to the contract's data_type. -#}
    {%- set columns = model.columns.values() | list -%}
    {%- if execute and not columns -%}
        {{ exceptions.raise_compiler_error("contract_columns(): model " ~ model.name ~ " declares no columns in its YAML") }}
    {%- endif -%}
    {%- for column in columns %}
        cast({{ adapter.quote(snake_case(column.name)) }} as {{ column.data_type }}) as {{ adapter.quote(column.name) }}
        {{- "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
