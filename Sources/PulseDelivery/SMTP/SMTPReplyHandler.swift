import NIOCore

/// Hands decoded replies to the client's async stream and ends the stream with a `DeliveryError` on a read
/// timeout (from `IdleStateHandler`), a pipeline error or the server closing the connection.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = SMTPReply
    let replies: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    let host: String
    let timeout: Double

    init(replies: AsyncThrowingStream<SMTPReply, any Error>.Continuation, host: String, timeout: Double) {
        self.replies = replies
        self.host = host
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        replies.yield(unwrapInboundIn(data))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            replies.finish(throwing: DeliveryError.timeout(what: "an SMTP reply", host: host, seconds: timeout))
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        replies.finish(throwing: DeliveryError.connection(host: host, reason: "\(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        replies.finish(throwing: DeliveryError.connection(host: host, reason: "the server closed the connection"))
        context.fireChannelInactive()
    }
}
