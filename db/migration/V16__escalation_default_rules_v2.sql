-- Issue 23: the default escalation rules every customer was seeded with move to the signals tuned on the labelled
-- table (decision 005). Only rules still exactly as seeded change: same name, severity, condition and cool-down;
-- a rule a supervisor edited keeps the supervisor's version.

-- "Negative sentiment": one strongly negative or openly angry message, medium (graded higher with other signals)
update escalation_rules
   set severity = 'medium',
       condition = '{"type":"any","conditions":[{"type":"sentiment"},{"type":"intent","keys":["anger"]}]}'::jsonb,
       updated_at = now()
 where name = 'Negative sentiment' and severity = 'high' and condition = '{"type":"sentiment"}'::jsonb;

-- "Escalation language": explicit intents instead of bare keywords ("sue" in "issue", "cancel" in "cancel order")
update escalation_rules
   set condition = '{"type":"intent","keys":["abuse","cancel","chargeback","legal","manager","public","regulator"]}'::jsonb,
       updated_at = now()
 where name = 'Escalation language' and severity = 'high'
   and condition = '{"type":"keywords","phrases":["lawyer","attorney","legal action","sue","chargeback","cancel my account","speak to a manager","talk to a manager","supervisor","report you","trading standards","ombudsman"]}'::jsonb;

-- "Frustration building": two strongly negative messages (not three merely negative ones), high and notified
update escalation_rules
   set severity = 'high',
       condition = '{"type":"angry_messages","count":2}'::jsonb,
       actions = '["notify","raise_priority","supervisor_queue"]'::jsonb,
       updated_at = now()
 where name = 'Frustration building' and severity = 'medium'
   and condition = '{"type":"consecutive_negative","count":3}'::jsonb;

-- "Asks for a human or complains": the complaint category fires on calm reports and thank-you notes; off
update escalation_rules
   set enabled = false, updated_at = now()
 where name = 'Asks for a human or complains' and severity = 'medium'
   and condition = '{"type":"category","keys":["complaint","human_agent"]}'::jsonb;

-- "Waiting too long": 30 minutes, low, queue only (it no longer raises the conversation's priority)
update escalation_rules
   set severity = 'low',
       condition = '{"type":"waiting","minutes":30}'::jsonb,
       actions = '["supervisor_queue"]'::jsonb,
       updated_at = now()
 where name = 'Waiting too long' and severity = 'medium' and condition = '{"type":"waiting","minutes":15}'::jsonb;

-- "Sudden sentiment drop": a drop of more than 0.4 that ends strongly negative, high and notified
update escalation_rules
   set severity = 'high',
       enabled = true,
       condition = '{"type":"all","conditions":[{"type":"sentiment_drop","delta":0.4},{"type":"sentiment"}]}'::jsonb,
       actions = '["notify","raise_priority","supervisor_queue"]'::jsonb,
       updated_at = now()
 where name = 'Sudden sentiment drop' and severity = 'low' and condition = '{"type":"sentiment_drop","delta":0.5}'::jsonb;
