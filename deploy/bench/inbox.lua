-- wrk script for run-inbox-wrk.sh: posts requests signed ahead of the run by InboxLoad, each once.
-- Thread k of n takes every n-th request, so that no activity id is sent twice.
local requests = {}
local next_index = 1
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
  thread:set("count", 0)
end

function init(args)
  local file, k, n = args[1], id, tonumber(args[2])
  -- A pause (ms) before each request on a connection paces the run (run-inbox-wrk.sh's rate).
  pause = tonumber(args[3] or "0")
  local headers, index = {}, 0
  for line in io.lines(file) do
    local kind, a, b = line:match("^(%a)\t?([^\t]*)\t?(.*)$")
    if kind == "H" then
      headers[a] = b
    elseif kind == "B" then
      if index % n == k then
        table.insert(requests, wrk.format("POST", "/inbox", headers, a .. (b ~= "" and ("\t" .. b) or "")))
      end
    elseif kind == "E" then
      headers = {}
      index = index + 1
    end
  end
end

function delay()
  return pause
end

function request()
  local r = requests[next_index]
  if r == nil then
    -- All sent: repeat the last one (a duplicate: 202 and no effect) until wrk's time is up.
    r = requests[#requests]
  end
  next_index = next_index + 1
  return r
end
