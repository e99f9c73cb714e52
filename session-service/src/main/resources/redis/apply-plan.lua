-- Applies one subscription event to the plan of the account it bills.
-- KEYS[1] = account:<accountId>, KEYS[2] = subscription:<subscriptionId> (its last applied sequence);
-- ARGV[1] = subscription id, ARGV[2] = the event's sequence in the subscription,
-- ARGV[3] = its global index in the event store, ARGV[4] = plan id, ARGV[5] = the plan's limit
-- per window ('' after a cancellation: the default plan's limit applies).
-- A subscription's own events apply in sequence order (plan-sub, plan-seq); between two
-- subscriptions of one account the later one in the event store's total order wins (plan-index).
-- Returns 1 when applied, 0 when the event is a repeat or older than what the account holds.
local sequence, index = tonumber(ARGV[2]), tonumber(ARGV[3])
local applied = tonumber(redis.call('GET', KEYS[2]) or '-1')
if applied >= sequence then
  return 0
end
redis.call('SET', KEYS[2], ARGV[2])
local held = redis.call('HMGET', KEYS[1], 'plan-sub', 'plan-seq', 'plan-index')
if held[1] == ARGV[1] then
  if tonumber(held[2]) >= sequence then
    return 0
  end
elseif held[3] and tonumber(held[3]) > index then
  return 0
end
redis.call('HSET', KEYS[1], 'plan', ARGV[4], 'plan-sub', ARGV[1], 'plan-seq', ARGV[2], 'plan-index', ARGV[3])
if ARGV[5] == '' then
  redis.call('HDEL', KEYS[1], 'plan-limit')
else
  redis.call('HSET', KEYS[1], 'plan-limit', ARGV[5])
end
return 1
