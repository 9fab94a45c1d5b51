package clusterlab.net;

import clusterlab.wire.Json;
import clusterlab.wire.JsonException;
import clusterlab.wire.Utf8;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo service: answers each frame with {@code {"from": THREAD, "echo": REQUEST}}. A request
 * must be UTF-8 text; one that starts with '{' or '[' must also be valid JSON, and is echoed as
 * JSON (so the lab article's {"ip": ..., "temp": ...} reports come back as objects).
 */
public final class EchoService implements FrameService {
    @Override
    public byte[] reply(byte[] request, String servedBy) throws BadRequestException {
        String text;
        try {
            text = Utf8.decode(request);
        } catch (Utf8.InvalidUtf8Exception e) {
            throw new BadRequestException(e.getMessage());
        }
        Object echo = text;
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                echo = Json.parse(text);
            } catch (JsonException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("from", servedBy);
        reply.put("echo", echo);
        return Json.writeUtf8(reply);
    }

    /** The frame a server sends before it closes a connection it will not serve. */
    public static byte[] error(String message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("error", message);
        return Json.writeUtf8(reply);
    }
}
