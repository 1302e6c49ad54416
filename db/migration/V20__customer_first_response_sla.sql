-- Issue 23: a per-customer service level. The first-response target (minutes a contact may wait for an agent's
-- reply) belongs to the customer; the escalation module's default "Waiting too long" rule measures against it and
-- the supervisors' desk shows the time left before it is breached (decision 005). 30 minutes, the wait limit every
-- customer had so far, is the default.
alter table customers
    add column first_response_sla_minutes integer not null default 30
        check (first_response_sla_minutes between 1 and 10080);

-- A customer's supervisors change their own customer's settings: a tenant may update its own row, never another's
-- (the existing policy still lets only the platform path insert or delete customers).
create policy tenant_own_settings on customers for update
    using (id = app_current_customer())
    with check (id = app_current_customer());

-- The default "Waiting too long" rule, still exactly as seeded (30 minutes), now follows the customer's SLA.
update escalation_rules
   set condition = '{"type":"waiting"}'::jsonb,
       updated_at = now()
 where name = 'Waiting too long' and severity = 'low' and condition = '{"type":"waiting","minutes":30}'::jsonb;
