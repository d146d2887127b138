/** Outpost's model and its pure rules. Depends on the JDK only; time always arrives as an argument. */
package dev.outpost.domain;
