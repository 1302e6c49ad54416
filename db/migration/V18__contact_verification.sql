-- Issue 21, finding 2: a chat visitor's name and e-mail are what they typed. Contacts created by the customer's own
-- systems (API key) or by staff are verified; a chat visitor always gets a new, unverified contact, which is never
-- matched by e-mail and never counts as VIP.
alter table contacts add column verified boolean not null default true;
create index contacts_verified_email_idx on contacts (customer_id, lower(email)) where verified;
