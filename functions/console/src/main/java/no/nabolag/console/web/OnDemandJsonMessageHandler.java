package no.nabolag.console.web;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.core.util.SupplierUtil;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.body.MessageBodyHandler;
import io.micronaut.http.body.ResponseBodyWriter;
import io.micronaut.json.JsonFeatures;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.body.CustomizableJsonHandler;
import io.micronaut.json.body.JsonMessageHandler;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * Micronaut's JSON body handler ({@link JsonMessageHandler}, the same one doing all the work) with its JSON mapper
 * created on the first JSON body rather than when the router is built. The router looks up a writer for every route
 * at start, and for the figures route (application/json) that would build Jackson's mapper with Micronaut's modules on
 * every cold start, though the pages never read or write JSON through Micronaut.
 *
 * @param <T> the body type
 */
@Singleton
@Replaces(JsonMessageHandler.class)
@Order(JsonMessageHandler.ORDER)
@JsonMessageHandler.ProducesJson
@JsonMessageHandler.ConsumesJson
public final class OnDemandJsonMessageHandler<T> implements MessageBodyHandler<T>, CustomizableJsonHandler, ResponseBodyWriter<T> {
    private final Supplier<JsonMessageHandler<T>> handler;

    OnDemandJsonMessageHandler(BeanProvider<JsonMapper> mapper) {
        this(SupplierUtil.memoized(() -> new JsonMessageHandler<>(mapper.get())));
    }

    private OnDemandJsonMessageHandler(Supplier<JsonMessageHandler<T>> handler) {
        this.handler = handler;
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return mediaType != null && mediaType.matchesAllOrWildcardOrExtension(MediaType.EXTENSION_JSON);
    }

    @Override
    public boolean isWriteable(Argument<T> type, MediaType mediaType) {
        return mediaType != null && mediaType.matchesAllOrWildcardOrExtension(MediaType.EXTENSION_JSON);
    }

    @Override
    public OnDemandJsonMessageHandler<T> createSpecific(Argument<T> type) {
        return new OnDemandJsonMessageHandler<>(SupplierUtil.memoized(() -> handler.get().createSpecific(type)));
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer) {
        return handler.get().read(type, mediaType, httpHeaders, byteBuffer);
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) {
        return handler.get().read(type, mediaType, httpHeaders, inputStream);
    }

    @Override
    public void writeTo(Argument<T> type, MediaType mediaType, T object, MutableHeaders outgoingHeaders,
                        OutputStream outputStream) {
        handler.get().writeTo(type, mediaType, object, outgoingHeaders, outputStream);
    }

    @Override
    public CloseableByteBody writePiece(ByteBodyFactory bodyFactory, HttpRequest<?> request, HttpResponse<?> response,
                                        Argument<T> type, MediaType mediaType, T object) {
        return handler.get().writePiece(bodyFactory, request, response, type, mediaType, object);
    }

    @Override
    public CustomizableJsonHandler customize(JsonFeatures jsonFeatures) {
        return handler.get().customize(jsonFeatures);
    }
}
