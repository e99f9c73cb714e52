-- A fixed-window counter. KEYS[1] = counter key prefix; ARGV: now s, window s.
-- Returns {count, seconds until the window resets}.
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local start = now - (now % window)
local counter = KEYS[1] .. ':' .. start
local count = redis.call('INCR', counter)
if count == 1 then
  redis.call('EXPIRE', counter, window + 1)
end
return {count, start + window - now}
