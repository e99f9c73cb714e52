-- Applies one account event to the account's state, only if it is newer than what is held.
-- KEYS[1] = the pointer naming session-state's serving generation (session-state:generation;
-- absent means 1). Generation 1's hash is account:<id>, generation N's account:g<N>:<id>. Read here,
-- in the same script as the write, so a rebuild's switch (one SET of the pointer) is atomic.
-- ARGV[1] = account id; ARGV[2] = the generation to write, or '' for the serving one (a rebuild
-- names it); ARGV[3] = the event's sequence; ARGV[4..] = field, value pairs.
-- Returns 1 when applied, 0 when the state already holds this or a later event.
local generation = ARGV[2]
if generation == '' then
  generation = redis.call('GET', KEYS[1]) or '1'
end
local key = 'account:' .. ARGV[1]
if generation ~= '1' then
  key = 'account:g' .. generation .. ':' .. ARGV[1]
end
local held = tonumber(redis.call('HGET', key, 'seq') or '-1')
local sequence = tonumber(ARGV[3])
if held >= sequence then
  return 0
end
local fields = {'seq', ARGV[3]}
for i = 4, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', key, unpack(fields))
return 1
