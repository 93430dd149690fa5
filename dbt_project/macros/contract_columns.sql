{% macro contract_columns(relation, expressions={}) -%}
    {#- The published columns, in the order the model's YAML lists them, each cast to the
        contract's data_type and named as documented: from `expressions` (snake_case name ->
        SQL expression) where the column is listed there, else `relation`'s column of the
        same snake_case name. -#}
    {%- set columns = model.columns.values() | list -%}
    {%- if execute -%}
        {%- if not columns -%}
            {{ exceptions.raise_compiler_error("contract_columns(): model " ~ model.name ~ " declares no columns in its YAML") }}
        {%- endif -%}
        {%- set names = [] -%}
        {%- for column in columns -%}{%- do names.append(snake_case(column.name)) -%}{%- endfor -%}
        {%- for name in expressions if name not in names -%}
            {{ exceptions.raise_compiler_error("contract_columns(): model " ~ model.name ~ " has no column " ~ name ~ " in its YAML") }}
        {%- endfor -%}
    {%- endif -%}
    {%- for column in columns %}
        {%- set name = snake_case(column.name) %}
        cast({{ expressions[name] if name in expressions else relation ~ '.' ~ adapter.quote(name) }} as {{ column.data_type }}) as {{ adapter.quote(column.name) }}
        {{- "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
