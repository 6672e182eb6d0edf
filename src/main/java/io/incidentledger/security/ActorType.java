package io.incidentledger.security;

/** Whether a principal is a person or an automated service (a detector, a saga). */
public enum ActorType {
    USER, SERVICE
}
