/** The web app and JSON API on Javalin, wired with Guice. */
package dev.outpost.web;
