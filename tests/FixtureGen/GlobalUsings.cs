global using SameSession.Tests.Compat.Harness.Fixtures;
