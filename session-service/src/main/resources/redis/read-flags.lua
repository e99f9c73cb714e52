-- Every flag rule of the serving generation, as HGETALL answers it (field, value, field, value...).
-- KEYS[1] = the pointer naming the serving generation (flags:generation; absent means 1, "flags").
-- ARGV[1] = one flag key to read alone (HGET), or '' for all of them.
local generation = redis.call('GET', KEYS[1]) or '1'
local hash = 'flags'
if generation ~= '1' then
  hash = 'flags:g' .. generation
end
if ARGV[1] ~= nil and ARGV[1] ~= '' then
  return redis.call('HGET', hash, ARGV[1])
end
return redis.call('HGETALL', hash)
