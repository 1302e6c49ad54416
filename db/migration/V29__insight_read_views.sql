-- Issue 22, coupling you can see: the insight module read seven tables of four other modules (conversations,
-- contacts, messages, sentiment_analysis, conversation_categories, analysis_corrections, escalation_events,
-- response_suggestions). Each owning module now publishes the part insight reads as a view it owns and tests, the
-- pattern of tenancy's staff_directory (V21): only the columns the reader needs, named for what they publish.
-- security_invoker: the reader's row-level security applies, exactly as on the table. Each view reads one table with
-- no expression, so the planner inlines it: the reader's queries get the same plans and index scans as on the table
-- (measured in docs/decisions/011-insights.md, "Revisited"). A column rename in the table now breaks only the owning
-- module's view and its contract test, not insight at run time.

-- Owned by conversation (contract: ConversationFactsTests); read by insight (aggregator, drill-down, demo history).
create view conversation_facts with (security_invoker = true) as
    select id, customer_id, contact_id, subject, status, priority, created_at, updated_at, first_response_at,
           resolved_at
      from conversations;
comment on view conversation_facts is
    'Owned by the conversation module (ConversationFactsTests); read by insight. Conversations: status, timings.';

-- Owned by conversation (contract: ConversationFactsTests); read by insight (drill-down: the contact's name; the
-- demo history's prediction replay: VIP or not).
create view contact_facts with (security_invoker = true) as
    select id, customer_id, name, vip
      from contacts;
comment on view contact_facts is
    'Owned by the conversation module (ConversationFactsTests); read by insight. Contacts: name and VIP, no address.';

-- Owned by conversation (contract: ConversationFactsTests); read by insight (aggregates, topics, drill-down).
create view message_facts with (security_invoker = true) as
    select id, customer_id, conversation_id, author_type, internal, text, created_at
      from messages;
comment on view message_facts is
    'Owned by the conversation module (ConversationFactsTests); read by insight. Messages: author kind, text, time.';

-- Owned by analysis (contract: AnalysisFactsTests); read by insight (sentiment figures, drill-down).
create view sentiment_facts with (security_invoker = true) as
    select message_id, customer_id, conversation_id, score, label, created_at
      from sentiment_analysis;
comment on view sentiment_facts is
    'Owned by the analysis module (AnalysisFactsTests); read by insight. Each analysed message''s sentiment.';

-- Owned by analysis (contract: AnalysisFactsTests); read by insight (category mix, drill-down).
create view category_facts with (security_invoker = true) as
    select conversation_id, message_id, customer_id, category_key, confidence, created_at
      from conversation_categories;
comment on view category_facts is
    'Owned by the analysis module (AnalysisFactsTests); read by insight. Conversations'' categories.';

-- Owned by analysis (contract: AnalysisFactsTests); read by insight (which hours an agent's correction changed).
create view correction_facts with (security_invoker = true) as
    select message_id, customer_id, conversation_id, created_at
      from analysis_corrections;
comment on view correction_facts is
    'Owned by the analysis module (AnalysisFactsTests); read by insight. When agents corrected an analysis.';

-- Owned by escalation (contract: EscalationFactsTests); read by insight (escalation rate and causes, drill-down).
create view escalation_facts with (security_invoker = true) as
    select conversation_id, customer_id, rule_name, reason, opened_at, created_at
      from escalation_events;
comment on view escalation_facts is
    'Owned by the escalation module (EscalationFactsTests); read by insight. Escalations: cause and time.';

-- Owned by suggestion (contract: SuggestionFactsTests); read by insight (suggestions shown and accepted).
create view suggestion_facts with (security_invoker = true) as
    select customer_id, status, created_at, decided_at
      from response_suggestions;
comment on view suggestion_facts is
    'Owned by the suggestion module (SuggestionFactsTests); read by insight. Suggestions shown and their outcome.';

grant select on conversation_facts, contact_facts, message_facts, sentiment_facts, category_facts, correction_facts,
    escalation_facts, suggestion_facts to ${appRole};
-- read-only: the default privileges (V1, V19) would also let the roles write through the views
revoke insert, update, delete, truncate on conversation_facts, contact_facts, message_facts, sentiment_facts,
    category_facts, correction_facts, escalation_facts, suggestion_facts from ${appRole}, ${platformRole};
