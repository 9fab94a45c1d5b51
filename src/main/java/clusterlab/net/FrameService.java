package clusterlab.net;

/**
 * What a server does with each request frame: return the reply frame. Both servers, the pooled
 * {@link SimpleServer} and the one-thread {@link NioServer}, run the same service.
 */
public interface FrameService {
    /**
     * @param request  the request's payload
     * @param servedBy the name of the thread doing the work, so a demo can show it
     * @throws BadRequestException if the request cannot be served; the connection is then closed
     */
    byte[] reply(byte[] request, String servedBy) throws BadRequestException;
}
