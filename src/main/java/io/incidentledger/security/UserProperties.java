package io.incidentledger.security;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The principals that may call the API, from configuration. Passwords are stored only as hashes in Spring Security's
 * {@code {id}hash} form, e.g. {@code {bcrypt}$2a$10$...}.
 */
@Validated
@ConfigurationProperties("incident-ledger.security")
public record UserProperties(List<@Valid User> users) {

    public UserProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One principal: name, password hash, roles and whether it is a person or a service. */
    public record User(@NotBlank String name,
                       @NotBlank @Pattern(regexp = "\\{[a-z0-9-]+}.+", message = "must be a {id}hash password hash")
                       String passwordHash,
                       @NotEmpty List<@Pattern(regexp = "RESPONDER|COMMANDER|DETECTOR|REGULATOR|ADMIN") String> roles,
                       ActorType type) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            type = type == null ? ActorType.USER : type;
        }
    }
}
