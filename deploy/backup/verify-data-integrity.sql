-- OmniOps data integrity report, read by restore.sh and the backup round-trip test.
-- One row per check: check_name | object_name | status | detail
--   status 'fail' = problem, 'ok' = passed, 'info' = figure to compare (row counts).
-- Run as a role with BYPASSRLS (or superuser); under FORCE ROW LEVEL SECURITY a normal role
-- would count only its own tenant's rows.
--   psql "$DATABASE_URL" -X -At -F'|' -f verify-data-integrity.sql [-v expected_tables=a,b]
-- expected_tables defaults to the application's tables; missing ones are reported as 'fail'.
\if :{?expected_tables}
\else
\set expected_tables 'customers,app_users,conversations,messages,contacts,sentiment_analysis,response_suggestions,conversation_categories,prediction_analysis,escalation_rules,escalation_events,conversation_insights'
\endif

WITH user_tables AS (
    SELECT c.oid, n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\_toast%'
      AND n.nspname NOT LIKE 'pg\_temp%'
),
expected AS (
    SELECT btrim(t) AS relname
    FROM unnest(string_to_array(:'expected_tables', ',')) AS t
    WHERE btrim(t) <> ''
),
fk_columns AS (
    -- per foreign key: "child columns not null" and the join condition, in key order
    SELECT con.oid,
           con.conname,
           con.conrelid::regclass  AS child,
           con.confrelid::regclass AS parent,
           string_agg(format('c.%I IS NOT NULL', ca.attname), ' AND ' ORDER BY k.ord) AS not_null,
           string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ' ORDER BY k.ord) AS join_on
    FROM pg_constraint con
    CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(child_col, parent_col, ord)
    JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.child_col
    JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.parent_col
    WHERE con.contype = 'f'
      AND con.conparentid = 0            -- partition clones repeat the parent's key
      AND con.connamespace IN (SELECT oid FROM pg_namespace
                               WHERE nspname NOT IN ('pg_catalog', 'information_schema'))
    GROUP BY con.oid, con.conname, con.conrelid, con.confrelid
),
checks AS (
    -- 1. row counts (dynamic SQL via query_to_xml keeps this a single plain query)
    SELECT 'row_count' AS check_name,
           format('%I.%I', nspname, relname) AS object_name,
           'info' AS status,
           (xpath('/row/n/text()',
                  query_to_xml(format('SELECT count(*) AS n FROM %I.%I', nspname, relname),
                               false, true, '')))[1]::text AS detail
    FROM user_tables

    UNION ALL
    -- 2. expected tables exist
    SELECT 'table_exists', e.relname,
           CASE WHEN EXISTS (SELECT 1 FROM user_tables u WHERE u.relname = e.relname)
                THEN 'ok' ELSE 'fail' END,
           CASE WHEN EXISTS (SELECT 1 FROM user_tables u WHERE u.relname = e.relname)
                THEN 'present' ELSE 'missing' END
    FROM expected e

    UNION ALL
    -- 3. no orphaned child rows for any foreign key (MATCH SIMPLE: rows with a NULL key
    --    column are not references). Catches constraints added NOT VALID or data loaded
    --    with triggers disabled.
    SELECT 'fk_orphans', format('%s (%s -> %s)', f.conname, f.child, f.parent),
           CASE WHEN o.n = 0 THEN 'ok' ELSE 'fail' END,
           o.n || ' orphaned rows'
    FROM fk_columns f
    CROSS JOIN LATERAL (
        SELECT (xpath('/row/n/text()', query_to_xml(
                   format('SELECT count(*) AS n FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)',
                          f.child, f.not_null, f.parent, f.join_on),
                   false, true, '')))[1]::text::bigint AS n
    ) o

    UNION ALL
    -- 4. tenant isolation: every table with customer_id has RLS enabled AND forced (so the
    --    owning application role is filtered too) and at least one policy (RLS without a
    --    policy denies every row).
    SELECT 'rls', format('%I.%I', u.nspname, u.relname),
           CASE WHEN u.relrowsecurity AND u.relforcerowsecurity AND p.n > 0 THEN 'ok' ELSE 'fail' END,
           format('enabled=%s forced=%s policies=%s', u.relrowsecurity, u.relforcerowsecurity, p.n)
    FROM user_tables u
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM pg_policy pol WHERE pol.polrelid = u.oid) p
    WHERE EXISTS (SELECT 1 FROM pg_attribute a
                  WHERE a.attrelid = u.oid AND a.attname = 'customer_id'
                    AND a.attnum > 0 AND NOT a.attisdropped)
)
SELECT check_name, object_name, status, detail
FROM (
    SELECT check_name, object_name, status, detail FROM checks
    UNION ALL
    SELECT 'summary', 'all',
           CASE WHEN count(*) FILTER (WHERE status = 'fail') = 0 THEN 'ok' ELSE 'fail' END,
           count(*) FILTER (WHERE status = 'fail') || ' failed checks'
    FROM checks
) report
ORDER BY check_name = 'summary', check_name, object_name;
