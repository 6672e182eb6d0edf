package io.incidentledger.config;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer with stable type names ({@link StoredTypeNames}): a moved message class is written under
 * the name it was first stored with and read back from it, so that neither an existing store nor a new event changes
 * when code moves. An explicit table rather than an upcaster, because no stored name is ever rewritten: the same name
 * reads from events, snapshots, deadlines, dead letters and sagas alike.
 */
public final class StableTypeNameSerializer extends JacksonSerializer {

    private StableTypeNameSerializer(Builder builder) {
        super(builder);
    }

    /** A Jackson serializer of {@code builder}'s settings that reads and writes the stable names. */
    public static StableTypeNameSerializer of(JacksonSerializer.Builder builder) {
        return new StableTypeNameSerializer(builder);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return StoredTypeNames.storedName(type)
                .<SerializedType>map(name -> new SimpleSerializedType(name, getRevisionResolver().revisionOf(type)))
                .orElseGet(() -> super.typeForClass(type));
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return StoredTypeNames.classOf(serializedType.getName()).map(Class::getName)
                .orElseGet(() -> super.resolveClassName(serializedType));
    }
}
