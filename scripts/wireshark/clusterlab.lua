-- clusterlab.lua: a Wireshark dissector for the clusterlab frame protocol.
--
-- What it decodes
-- ---------------
-- Every clusterlab message on a TCP connection is a "frame":
--
--     +----------------------------+---------------------------+
--     | length N (4 bytes, big-    | N bytes of payload        |
--     | endian, unsigned)          | (JSON, text or raw bytes) |
--     +----------------------------+---------------------------+
--
-- TCP is a byte stream, not a message service, so one frame can arrive
-- split over several TCP segments, and one segment can carry several
-- frames. This dissector puts the frames back together and shows each one
-- with its length and payload. JSON payloads (starting with '{' or '[') are
-- handed to Wireshark's own JSON dissector, other printable payloads are
-- shown as text, anything else as bytes.
--
-- How to use it
-- -------------
--   tshark:     tshark -X lua_script:scripts/wireshark/clusterlab.lua -r capture.pcap
--   Wireshark:  wireshark -X lua_script:scripts/wireshark/clusterlab.lua capture.pcap
--               (or copy this file into your personal Lua plugins folder,
--                see Help > About Wireshark > Folders)
--   Filter on its fields, for example:
--               tshark -X lua_script:... -r capture.pcap -Y clusterlab \
--                      -T fields -e clusterlab.length -e clusterlab.text
--   Another port (for example 7000), without editing this file:
--               tshark -X lua_script:... -o clusterlab.ports:7000,20000 -r ...
--   or in Wireshark: Edit > Preferences > Protocols > CLUSTERLAB.
--
-- Lua in five lines, for reading this file
-- ----------------------------------------
--   -- starts a comment that runs to the end of the line.
--   local x = 5            declares a variable visible only in this file/block.
--   function f(a, b) ... end   defines a function; if ... then ... end is an if.
--   t = { 1, 2, 3 }        is a table (Lua's only data structure: list + map).
--   a .. b                 joins two strings; ~= means "not equal".
--   obj:method(x)          calls a method on an object (like obj.method(obj, x)).

-- The biggest frame we accept, 16 MiB. The clusterlab servers refuse larger
-- frames, so a bigger length almost always means we are not looking at a
-- frame header at all (or the sender has a bug).
local MAX_FRAME = 16 * 1024 * 1024

-- The size of the length header in front of every frame.
local HEADER_LEN = 4

-- The TCP ports clusterlab programs use by default:
--   20000 SimpleServer demo, 60000 job nodes, 5050 temperature monitor,
--   4040 prime finder.
local DEFAULT_PORTS = "20000,60000,5050,4040"

------------------------------------------------------------------------
-- 1. Declare the protocol and its fields.
------------------------------------------------------------------------

-- Proto(short name, long name). The short name is what you type in a display
-- filter ("clusterlab") and the prefix of every field name below.
local clusterlab = Proto("clusterlab", "clusterlab framed protocol")

-- ProtoField.TYPE(filter name, label shown in the tree, ...).
-- The filter names are what `tshark -T fields -e NAME` and display filters use.
local f_length  = ProtoField.uint32("clusterlab.length", "Frame length", base.DEC)
local f_payload = ProtoField.bytes("clusterlab.payload", "Payload")
local f_text    = ProtoField.string("clusterlab.text", "Text")
local f_kind    = ProtoField.string("clusterlab.kind", "Payload kind")
clusterlab.fields = { f_length, f_payload, f_text, f_kind }

-- "Expert info" is Wireshark's way to flag problems; they show up in
-- Analyze > Expert Information and can be filtered with `_ws.expert`.
local e_too_long = ProtoExpert.new("clusterlab.too_long",
                                   "Frame length over the 16 MiB limit",
                                   expert.group.MALFORMED, expert.severity.ERROR)
clusterlab.experts = { e_too_long }

-- A preference: the list of TCP ports to decode as clusterlab. It appears in
-- Edit > Preferences > Protocols > CLUSTERLAB and can be set on the tshark
-- command line with -o clusterlab.ports:20000,7000-7010
clusterlab.prefs.ports = Pref.range("TCP ports", DEFAULT_PORTS,
                                    "TCP ports (comma separated, ranges like 7000-7010 allowed)",
                                    65535)

-- Wireshark's own JSON dissector, looked up once by its name.
local json_dissector = Dissector.get("json")

------------------------------------------------------------------------
-- 2. Small helpers.
------------------------------------------------------------------------

-- Does this Lua string look like human-readable text? We accept tab, CR,
-- LF, the printable ASCII characters and well-formed UTF-8 (so "température"
-- counts as text). Only the first 64 KiB are checked, to stay fast.
local function looks_like_text(s)
    local i, n = 1, math.min(#s, 65536)
    while i <= n do
        local b = s:byte(i)
        if b == 9 or b == 10 or b == 13 or (b >= 32 and b < 127) then
            i = i + 1                               -- plain ASCII character
        else
            -- A UTF-8 character of 2, 3 or 4 bytes: the first byte says how
            -- many bytes follow, each following byte is 10xxxxxx.
            local extra
            if b >= 0xC2 and b <= 0xDF then extra = 1
            elseif b >= 0xE0 and b <= 0xEF then extra = 2
            elseif b >= 0xF0 and b <= 0xF4 then extra = 3
            else return false end                   -- control byte or invalid
            for k = 1, extra do
                local c = s:byte(i + k)
                if c == nil then return i + k > n end  -- cut off by our 64 KiB peek
                if c < 0x80 or c > 0xBF then return false end
            end
            i = i + 1 + extra
        end
    end
    return true
end

-- The Info column summary of each frame dissected in the current packet.
-- Reset for every TCP segment in clusterlab.dissector below.
local info_parts = {}

local function add_info(pinfo, part)
    info_parts[#info_parts + 1] = part
    pinfo.cols.protocol = "clusterlab"
    pinfo.cols.info = table.concat(info_parts, ", ")
end

------------------------------------------------------------------------
-- 3. Finding where a frame ends.
------------------------------------------------------------------------

-- dissect_tcp_pdus (used below) calls this with the bytes of the stream
-- starting at `offset`, once it has at least HEADER_LEN bytes there. We
-- return how many bytes the whole frame takes: header + payload. If that is
-- more than this segment holds, Wireshark waits for the next segments and
-- glues them together before calling dissect_frame.
local function get_frame_len(tvb, pinfo, offset)
    local n = tvb(offset, HEADER_LEN):uint()   -- :uint() reads big-endian
    if n > MAX_FRAME then
        -- Don't try to collect gigabytes of "frame": take just the rest of
        -- this segment, so dissect_frame can report the bad length.
        return tvb:len() - offset
    end
    return HEADER_LEN + n
end

------------------------------------------------------------------------
-- 4. Showing one complete frame.
------------------------------------------------------------------------

-- `tvb` ("testy virtual buffer") holds exactly one frame: header + payload.
-- tvb(start, length) picks a range of it; ranges are what tree items point
-- at, so clicking an item in Wireshark highlights its bytes.
local function dissect_frame(tvb, pinfo, tree)
    local n = tvb(0, HEADER_LEN):uint()

    -- One subtree per frame, with the length field first.
    local subtree = tree:add(clusterlab, tvb(), "clusterlab frame")
    local len_item = subtree:add(f_length, tvb(0, HEADER_LEN))

    if n > MAX_FRAME then
        len_item:add_proto_expert_info(e_too_long,
            "length " .. n .. " over the 16 MiB limit")
        subtree:add(f_kind, "too_long"):set_generated()
        subtree:append_text(string.format(", length %d (too long)", n))
        add_info(pinfo, string.format("length %d over the 16 MiB limit", n))
        return tvb:len()
    end

    subtree:append_text(string.format(", %d bytes", n))
    if n == 0 then
        subtree:add(f_kind, "empty"):set_generated()
        add_info(pinfo, "frame 0 B (empty)")
        return tvb:len()
    end

    local payload = tvb(HEADER_LEN, n)
    subtree:add(f_payload, payload)
    local first = payload(0, 1):uint()          -- the first payload byte

    if first == 0x7B or first == 0x5B then       -- '{' or '[': JSON
        subtree:add(f_kind, "json"):set_generated()
        local raw = payload:raw()
        if looks_like_text(raw) then
            subtree:add(f_text, payload, payload:string(ENC_UTF_8))
        end
        if json_dissector ~= nil then
            -- :tvb() makes a new buffer of just the payload; the JSON
            -- dissector adds its own tree of objects, members and values.
            json_dissector:call(payload:tvb(), pinfo, subtree)
        end
        add_info(pinfo, string.format("frame %d B JSON", n))
    elseif looks_like_text(payload:raw()) then
        subtree:add(f_kind, "text"):set_generated()
        local text = payload:string(ENC_UTF_8)
        subtree:add(f_text, payload, text)
        local shown = text:gsub("[\r\n\t]", " ")
        if #shown > 40 then shown = shown:sub(1, 40) .. "..." end
        add_info(pinfo, string.format("frame %d B text \"%s\"", n, shown))
    else
        subtree:add(f_kind, "bytes"):set_generated()
        add_info(pinfo, string.format("frame %d B bytes", n))
    end
    return tvb:len()
end

------------------------------------------------------------------------
-- 5. The entry point: Wireshark calls this for every TCP segment on our ports.
------------------------------------------------------------------------

function clusterlab.dissector(tvb, pinfo, tree)
    info_parts = {}
    -- dissect_tcp_pdus does the reassembly work: it reads HEADER_LEN bytes,
    -- asks get_frame_len how long the frame is, collects bytes across
    -- segments until the frame is complete, and calls dissect_frame once per
    -- frame, also when a segment holds several frames. The final `true`
    -- asks for reassembly across segments.
    dissect_tcp_pdus(tvb, tree, HEADER_LEN, get_frame_len, dissect_frame, true)
    return tvb:len()
end

------------------------------------------------------------------------
-- 6. Registering on the TCP ports, and following preference changes.
------------------------------------------------------------------------

local tcp_port_table = DissectorTable.get("tcp.port")
local registered_ports = nil  -- the port range string we registered last

local function register_ports(ports)
    if registered_ports ~= nil then
        tcp_port_table:remove(registered_ports, clusterlab)
    end
    if ports ~= nil and ports ~= "" then
        tcp_port_table:add(ports, clusterlab)
    end
    registered_ports = ports
end

-- Wireshark calls this after the preferences were loaded or changed
-- (including -o clusterlab.ports:... on the command line).
function clusterlab.prefs_changed()
    local ports = tostring(clusterlab.prefs.ports)
    if ports ~= registered_ports then
        register_ports(ports)
    end
end

register_ports(DEFAULT_PORTS)
