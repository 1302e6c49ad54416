-- Issue 21, finding 4: cross-customer access belongs to a login of its own. Before, any connection of the application
-- role could grant itself every customer's rows with set_config('app.platform_access', 'on'). Now only the platform
-- role passes the policies' platform branch; the application role is not a member of it and cannot become it.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = '${platformRole}') then
        if '${platformPassword}' = '' then
            execute format('create role %I nologin nosuperuser nocreatedb nocreaterole nobypassrls', '${platformRole}');
        else
            execute format('create role %I login password %L nosuperuser nocreatedb nocreaterole nobypassrls',
                           '${platformRole}', '${platformPassword}');
        end if;
    end if;
    -- an owner connection may switch to it with SET ROLE (development without DATABASE_PLATFORM_URL only)
    execute format('grant %I to current_user', '${platformRole}');
exception
    when others then
        raise notice 'platform role setup: %', sqlerrm;
end
$$;

grant usage on schema public to ${platformRole};
grant select, insert, update, delete on all tables in schema public to ${platformRole};
grant usage, select on all sequences in schema public to ${platformRole};
grant execute on all functions in schema public to ${platformRole};
alter default privileges in schema public grant select, insert, update, delete on tables to ${platformRole};
alter default privileges in schema public grant usage, select on sequences to ${platformRole};

-- every policy asks this function: it now asks who is connected, not what a setting says
create or replace function app_platform_access() returns boolean
    language sql stable
as $$ select current_user = '${platformRole}' $$;
